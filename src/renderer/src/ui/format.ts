// The app writes dates the one way src/shared/date-format.ts defines (tested there under several time zones).
export { formatDate, formatDay, localDay, startOfLocalDay } from '../../../shared/date-format';
