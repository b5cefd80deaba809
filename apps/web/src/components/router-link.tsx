import MuiLink, { type LinkProps as MuiLinkProps } from '@mui/material/Link';
import { forwardRef } from 'react';
import { Link, type LinkProps } from 'react-router';

export type RouterLinkProps = Omit<MuiLinkProps, 'href'> &
  Pick<LinkProps, 'to' | 'replace' | 'state'>;

/** A MUI-styled link that navigates with react-router. */
export const RouterLink = forwardRef<HTMLAnchorElement, RouterLinkProps>(
  function RouterLink(props, ref) {
    return <MuiLink ref={ref} component={Link} underline="hover" {...props} />;
  },
);
