import type { Migration } from '../migration';
import { migration0001Initial } from './0001-initial';
import { migration0002RecipientsHandoffs } from './0002-recipients-handoffs';
import { migration0003EndpointsLinks } from './0003-endpoints-links';
import { migration0004HandoffRecords } from './0004-handoff-records';
import { migration0005AgeKeys } from './0005-age-keys';

/** Every migration in order. A new one gets the next number, its own file and its own test. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001Initial,
  migration0002RecipientsHandoffs,
  migration0003EndpointsLinks,
  migration0004HandoffRecords,
  migration0005AgeKeys,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
