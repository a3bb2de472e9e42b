import { Inject } from '@nestjs/common';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller } from '../../shared/auth/caller';
import { RecordQueriesOptions, RecordResolver } from '../../shared/graphql/record.resolver';
import { atMomentOf } from '../../shared/history/known-at';
import { DirectoryUser, UserDirectory } from '../../identity/public/user-directory';
import { CrmQueries } from '../application/crm.queries';
import { Activity, Owner } from './crm.types';

/** What activities are logged on and users own: leads and clients. */
interface Subject {
  id: string;
  ownerId: string | null;
}

/** The resolver of leads or clients: their queries, and the owner and activity timeline both have. */
export const CrmSubjectResolver = <Row extends Subject, Filter>(options: RecordQueriesOptions<CrmQueries, Row, Filter>) => {
  @Resolver(() => options.one.type, { isAbstract: true })
  abstract class CrmSubjectResolverHost extends RecordResolver(CrmQueries, options) {
    @Inject(UserDirectory) protected readonly directory: UserDirectory;
    /** Per request (its Caller): the owners asked for in one tick, fetched in one query; the tenant's currency, read once. */
    private readonly owners = new WeakMap<Caller, { ids: Set<string>; found: Promise<Map<string, DirectoryUser>> }>();
    private readonly currencies = new WeakMap<Caller, Promise<string>>();

    // The owner's id is the record's (as known at a moment for a knownAt read); the user shown is as the identity context knows it now.
    @ResolveField(() => Owner, {
      nullable: true,
      description: 'null if the owner is no longer a user of your organisation; their name and email as they are now',
    })
    async owner(@Parent() subject: Row, @Caller() caller: Caller) {
      if (!subject.ownerId) return null;
      let batch = this.owners.get(caller);
      if (!batch) {
        const ids = new Set<string>();
        const found = new Promise<Map<string, DirectoryUser>>((resolve) =>
          setImmediate(() => {
            this.owners.delete(caller);
            resolve(this.directory.users(caller.tenantId, [...ids]));
          }),
        );
        batch = { ids, found };
        this.owners.set(caller, batch);
      }
      batch.ids.add(subject.ownerId);
      return (await batch.found).get(subject.ownerId) ?? null;
    }

    /** The currency the tenant's amounts are in. */
    protected currency(caller: Caller): Promise<string> {
      let currency = this.currencies.get(caller);
      if (!currency) {
        currency = this.directory.tenant(caller.tenantId).then((tenant) => tenant?.currency ?? 'USD');
        this.currencies.set(caller, currency);
      }
      return currency;
    }

    @ResolveField(() => [Activity], { description: 'The activity timeline, latest first (as known at the moment, for a record read with knownAt)' })
    activities(
      @Parent() subject: Row,
      @Args('limit', { type: () => Int, nullable: true, defaultValue: 50, description: 'At most this many, 1 to 500' }) limit: number,
      @Caller() caller: Caller,
    ) {
      return atMomentOf(subject, () => this.queries.timeline(caller.tenantId, subject.id, Math.min(Math.max(limit ?? 50, 1), 500)));
    }
  }
  return CrmSubjectResolverHost;
};
