import { Migration20261121000100EventStore } from './Migration20261121000100EventStore';
import { Migration20261121000200Identity } from './Migration20261121000200Identity';
import { Migration20261121000300CrmReadModels } from './Migration20261121000300CrmReadModels';
import { Migration20261121000400Integration } from './Migration20261121000400Integration';

/** In order. Listed explicitly so the compiled app and the tests run the same migrations. */
export const migrations = [
  { name: 'Migration20261121000100EventStore', class: Migration20261121000100EventStore },
  { name: 'Migration20261121000200Identity', class: Migration20261121000200Identity },
  { name: 'Migration20261121000300CrmReadModels', class: Migration20261121000300CrmReadModels },
  { name: 'Migration20261121000400Integration', class: Migration20261121000400Integration },
];
