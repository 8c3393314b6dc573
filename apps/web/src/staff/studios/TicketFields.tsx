// The few fields a studio's ticket needs besides the matter: type, category,
// title and, optionally, where (the studio's address otherwise). The place is
// the studio's village, set by the server.
import { Col, Form, Input, Row, Select } from 'antd';
import { TICKET_TYPES, type StudioTicketInput } from '@jiesu/contracts';
import { useLeafCategoryOptions } from '../../lib/ticketFields';
import { requiredRule, requiredText } from '../../lib/formRules';
import { t } from '../../i18n';
import { s } from './common';

export function StudioTicketFields() {
  const cats = useLeafCategoryOptions();
  return (
    <Row gutter={12}>
      <Col xs={24} sm={8}>
        <Form.Item
          name={['ticket', 'type']}
          label={s.ticketType}
          rules={[requiredRule(s.ticketType)]}
        >
          <Select
            aria-label={s.ticketType}
            options={TICKET_TYPES.map((x) => ({ value: x, label: t.type[x] }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={16}>
        <Form.Item
          name={['ticket', 'categoryId']}
          label={s.category}
          rules={[requiredRule(s.category)]}
        >
          <Select
            aria-label={s.category}
            showSearch={{ optionFilterProp: 'label' }}
            loading={cats.query.isPending}
            options={cats.options}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name={['ticket', 'title']}
          label={s.ticketTitle}
          rules={requiredText(s.ticketTitle, 2, 100)}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name={['ticket', 'address']} label={s.ticketAddress}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Drops an empty optional address from the ticket fields. */
export function ticketInput(v: {
  type: string;
  categoryId: string;
  title: string;
  address?: string;
}) {
  return {
    type: v.type,
    categoryId: v.categoryId,
    title: v.title.trim(),
    ...(v.address?.trim() ? { address: v.address.trim() } : {}),
  } as StudioTicketInput;
}
