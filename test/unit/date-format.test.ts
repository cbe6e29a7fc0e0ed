import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatDay } from '../../src/shared/date-format';
import { localDayOf, startOfLocalDay } from '../../src/shared/dates';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('dates in the app read one way, east and west of UTC', () => {
  for (const zone of ['Asia/Tokyo', 'America/Los_Angeles', 'UTC']) {
    it(`in ${zone}: a picked day reads as the day, a moment as day and time`, () => {
      process.env.TZ = zone;
      const picked = startOfLocalDay('2026-10-05')!;
      expect(formatDate(picked)).toBe('5 Oct 2026');
      expect(formatDay(picked)).toBe('5 Oct 2026');
      expect(localDayOf(picked)).toBe('2026-10-05');
      const moment = new Date(2026, 11, 1, 19, 3).toISOString();
      expect(formatDate(moment)).toBe('1 Dec 2026, 19:03');
      expect(formatDate(null)).toBe('—');
    });
  }
});
