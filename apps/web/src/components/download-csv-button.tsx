import FileDownloadOutlinedIcon from '@mui/icons-material/FileDownloadOutlined';
import Button from '@mui/material/Button';
import type { MouseEvent } from 'react';
import { useNotify } from './notifications.tsx';

/**
 * `vite --mode mock` only: msw's service worker lets downloads through to the network (it
 * does not answer navigations), where no BFF listens. There the file is fetched — which the
 * worker answers — and handed to the browser as a blob. Against the BFF the link is followed.
 */
async function downloadThroughMocks(href: string, fallbackName: string): Promise<void> {
  const response = await fetch(href);
  if (!response.ok) throw new Error(`The export failed (${response.status}).`);
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const anchor = Object.assign(document.createElement('a'), { href: url, download: filename });
  anchor.click();
  URL.revokeObjectURL(url);
}

export interface DownloadCsvButtonProps {
  /** The export's same-origin address (hrefFor), with the page's filters. */
  href: string;
  /** Says what the file holds. */
  title: string;
  /** The name the mock's download falls back to. */
  fallbackName: string;
}

/**
 * Export CSV: a plain link with `download`, so the browser streams the file from the server and
 * a large export never passes through the page's memory.
 */
export function DownloadCsvButton({ href, title, fallbackName }: DownloadCsvButtonProps) {
  const notify = useNotify();
  const handleClick = (event: MouseEvent) => {
    if (import.meta.env.MODE !== 'mock') return;
    event.preventDefault();
    downloadThroughMocks(href, fallbackName).catch((error: unknown) =>
      notify(error instanceof Error ? error.message : 'The export failed.', 'error'),
    );
  };
  return (
    <Button
      variant="outlined"
      href={href}
      download
      onClick={handleClick}
      startIcon={<FileDownloadOutlinedIcon aria-hidden />}
      title={title}
    >
      Export CSV
    </Button>
  );
}
