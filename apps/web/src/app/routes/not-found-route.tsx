import SearchOffIcon from '@mui/icons-material/SearchOff';
import { MissingPage } from '../../components/page-states.tsx';

export function NotFoundRoute() {
  return (
    <MissingPage
      title="Page not found"
      icon={<SearchOffIcon color="action" sx={{ fontSize: 40 }} aria-hidden />}
      message="There is nothing at this address."
      description="The link may be out of date, or the page may have moved."
      action={{ to: '/', label: 'Go to Overview' }}
    />
  );
}
