import { Empty } from 'antd';
import { t } from '../i18n';

/** Public notices (公示): a later issue fills this. */
export default function NoticesPage() {
  return (
    <section className="cz-card" aria-labelledby="notices-title">
      <h2 id="notices-title" style={{ fontSize: 16, marginTop: 0 }}>
        {t.web.citizen.noticesTitle}
      </h2>
      <Empty description={t.web.citizen.noticesEmpty} />
    </section>
  );
}
