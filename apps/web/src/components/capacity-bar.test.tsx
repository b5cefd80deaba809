import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CapacityBar } from './capacity-bar.tsx';

/** The bar's tone for `used` of 5,000: green to 60 %, amber to 90 %, red above (the rule). */
function toneAt(used: number): string | null {
  const { unmount } = render(<CapacityBar used={used} capacity={5000} />);
  const bar = screen.getByRole('progressbar', {
    name: `${used.toLocaleString('en-US')} of 5,000 users`,
  });
  const tone = bar.getAttribute('data-tone');
  unmount();
  return tone;
}

describe('CapacityBar', () => {
  it('is green up to 60 %, amber up to 90 %, red above', () => {
    expect(toneAt(0)).toBe('success');
    expect(toneAt(3000)).toBe('success'); // 60 %
    expect(toneAt(3001)).toBe('warning');
    expect(toneAt(4500)).toBe('warning'); // 90 %
    expect(toneAt(4501)).toBe('error');
    expect(toneAt(5000)).toBe('error');
  });

  it('says the numbers with thousands separators and the rounded percentage', () => {
    render(<CapacityBar used={4321} capacity={15000} />);
    expect(screen.getByText('4,321 of 15,000 users')).toBeInTheDocument();
    expect(screen.getByText('29 %')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      String((4321 / 15000) * 100),
    );
  });

  it('stays full, not beyond, when a node holds more than its capacity', () => {
    render(<CapacityBar used={5200} capacity={5000} unit="" dense />);
    expect(screen.getByText('5,200 of 5,000')).toBeInTheDocument();
    expect(screen.getByText('104 %')).toBeInTheDocument();
    const bar = screen.getByRole('progressbar', { name: '5,200 of 5,000' });
    expect(bar).toHaveAttribute('aria-valuenow', '100');
    expect(bar).toHaveAttribute('data-tone', 'error');
  });
});
