// The app writes dates the one way src/shared/date-format.ts defines (tested there under several time zones).
export { formatDate, formatDay } from '../../../shared/date-format';
