import { Migration } from '@mikro-orm/migrations';
import { processorFencingSql } from '../../src/shared/processing/processor-schema';

/** The processors' lease epoch and fence: a runner that lost its lease writes nothing (see processorFencingSql). */
export class Migration20261201000200ProcessorFencing extends Migration {
  override async up(): Promise<void> {
    this.addSql(processorFencingSql);
  }
}
