// What a new ticket is about and where: the category, the place and the address. The
// resident's form and the hotline agent's entry ask the same, each with its own labels.
import { useMemo, type ReactNode } from 'react';
import { Col, Form, Input, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import type { JurisdictionView } from '@jiesu/contracts';
import { useCategories } from '../api/hooks';
import { t } from '../i18n';
import { requiredRule, requiredText } from './formRules';
import { pathName } from './tree';

/** Active leaf categories labelled with their path, so "路灯" finds "市政设施 / 路灯不亮". */
export function useLeafCategoryOptions(publicOnly = false) {
  const cats = useCategories(publicOnly);
  const options = useMemo(() => {
    const rows = (cats.data ?? []).filter((c) => c.active);
    const parents = new Set(rows.map((c) => c.parentId).filter(Boolean));
    return rows
      .filter((c) => !parents.has(c.id))
      .map((c) => ({ value: c.id, label: pathName(rows, c.id) }));
  }, [cats.data]);
  return { query: cats, options };
}

interface FieldTexts {
  category: string;
  categoryPlaceholder?: string;
  place: string;
  placePlaceholder?: string;
  address: string;
  addressPlaceholder?: string;
}

type PlacePicker =
  /**
   * One tree of every place below the city: an agent picks a township or a village. The
   * caller renders the tree control, so the resident page does not load antd's TreeSelect.
   */
  | { placePicker: 'tree'; texts: FieldTexts; treeControl: ReactNode }
  /** A township, then one of its villages: two plain selects, lighter on a phone. */
  | {
      placePicker: 'township';
      texts: FieldTexts & { township: string; townshipPlaceholder?: string };
    };

/**
 * The form items `categoryId`, then the caller's own fields (`children`), then the place
 * (`township` and `jurisdictionId`, or `jurisdictionId` alone) and `address`.
 * Must be rendered inside an antd Form.
 */
export function CategoryPlaceFields(
  props: PlacePicker & {
    categoryOptions: { value: string; label: string }[];
    places: readonly JurisdictionView[];
    /** Place and address side by side from the small breakpoint up. */
    twoColumns?: boolean;
    children?: ReactNode;
  },
) {
  const { texts, categoryOptions, places, twoColumns, children } = props;
  const form = Form.useFormInstance();
  const township = Form.useWatch('township', form) as string | undefined;
  const townshipOptions = useMemo(
    () => places.filter((j) => j.level === 'township').map((j) => ({ value: j.id, label: j.name })),
    [places],
  );
  const villageOptions = useMemo(
    () =>
      places
        .filter((j) => j.level === 'village' && j.parentId === township)
        .map((j) => ({ value: j.id, label: j.name })),
    [places, township],
  );

  const item = (name: string, label: string, rules: Rule[], control: ReactNode) => {
    const formItem = (
      <Form.Item key={name} name={name} label={label} rules={rules}>
        {control}
      </Form.Item>
    );
    return twoColumns ? (
      <Col key={name} xs={24} sm={12}>
        {formItem}
      </Col>
    ) : (
      formItem
    );
  };
  const items = [
    props.placePicker === 'township' &&
      item(
        'township',
        props.texts.township,
        [requiredRule(props.texts.township)],
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={townshipOptions}
          placeholder={props.texts.townshipPlaceholder}
          onChange={() => form.setFieldValue('jurisdictionId', undefined)}
        />,
      ),
    item(
      'jurisdictionId',
      texts.place,
      [requiredRule(texts.place)],
      props.placePicker === 'township' ? (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={villageOptions}
          disabled={!township}
          placeholder={texts.placePlaceholder}
          notFoundContent={t.web.common.noMatch}
        />
      ) : (
        props.treeControl
      ),
    ),
    item(
      'address',
      texts.address,
      requiredText(texts.address, 2),
      <Input maxLength={200} placeholder={texts.addressPlaceholder} />,
    ),
  ];

  return (
    <>
      <Form.Item name="categoryId" label={texts.category} rules={[requiredRule(texts.category)]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={categoryOptions}
          placeholder={texts.categoryPlaceholder}
          notFoundContent={t.web.common.noMatch}
        />
      </Form.Item>
      {children}
      {twoColumns ? <Row gutter={12}>{items}</Row> : items}
    </>
  );
}
