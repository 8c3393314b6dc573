import { Result, Button } from 'antd';
import { Link } from 'react-router';
import { t } from '../i18n';

export default function NotFound() {
  return (
    <Result
      status="404"
      title={t.web.notFound.title}
      subTitle={t.web.notFound.text}
      extra={
        <Link to="/">
          <Button type="primary">{t.web.notFound.home}</Button>
        </Link>
      }
    />
  );
}
