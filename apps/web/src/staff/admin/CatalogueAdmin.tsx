import { Card, Result } from 'antd';
import { t } from '../../i18n';
import { AdminPage } from './common';

/** The dispatch catalogue (category × area → unit) arrives with a later issue. */
export default function CatalogueAdmin() {
  return (
    <AdminPage title={t.web.admin.catalogue}>
      <Card>
        <Result
          status="info"
          title={t.web.admin.catalogue}
          subTitle={t.web.admin.cataloguePlaceholder}
        />
      </Card>
    </AdminPage>
  );
}
