import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../../shared/auth/caller';
import { CommandService } from '../../shared/command/command.service';
import { CommandMutation } from '../../shared/graphql/command-mutation';
import { ListArgs } from '../../shared/graphql/list.types';
import { EventCatalogue } from '../application/event-catalogue';
import { webhookEndpointCommands as commands } from '../application/webhook-endpoint.commands';
import { WebhookOperations } from '../application/webhook-operations';
import { WebhooksQueries } from '../application/webhooks.queries';
import {
  CreatedWebhookEndpoint,
  CreateWebhookEndpointInput,
  ReplayWebhookEndpointArgs,
  RotatedWebhookSecret,
  UpdateWebhookEndpointInput,
  WebhookDelivery,
  WebhookDeliveryFilter,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointFilter,
  WebhookEndpointList,
  WebhookEventType,
  WebhookReplay,
} from './webhooks.types';

const READERS = ['admin', 'auditor'] as const;

/** Webhook endpoints and their delivery log: admins change them (commands, so the log says who), auditors read. */
@Resolver(() => WebhookEndpoint)
export class WebhooksResolver {
  constructor(
    private readonly commands: CommandService,
    private readonly queries: WebhooksQueries,
    private readonly operations: WebhookOperations,
    private readonly catalogue: EventCatalogue,
  ) {}

  @Allow(...READERS)
  @Query(() => WebhookEndpoint, { nullable: true, description: 'A webhook endpoint of your tenant, or null' })
  webhookEndpoint(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.queries.endpoint(caller.tenantId, id);
  }

  @Allow(...READERS)
  @Query(() => WebhookEndpointList, { description: 'Sorts on createdAt, url, status' })
  webhookEndpoints(
    @Args() args: ListArgs,
    @Args('filter', { type: () => WebhookEndpointFilter, nullable: true }) filter: WebhookEndpointFilter | undefined,
    @Caller() caller: Caller,
  ) {
    return this.queries.endpoints(caller.tenantId, filter, args);
  }

  @Allow(...READERS)
  @Query(() => WebhookDelivery, { nullable: true, description: 'A delivery by its webhook-id, with every attempt' })
  webhookDelivery(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.queries.delivery(caller.tenantId, id);
  }

  @Allow(...READERS)
  @Query(() => WebhookDeliveryList, { description: 'The delivery log; sorts on createdAt, eventType, status, deliveredAt' })
  webhookDeliveries(
    @Args() args: ListArgs,
    @Args('filter', { type: () => WebhookDeliveryFilter, nullable: true }) filter: WebhookDeliveryFilter | undefined,
    @Caller() caller: Caller,
  ) {
    return this.queries.deliveries(caller.tenantId, filter, args);
  }

  @Allow('admin', 'sales', 'accountant', 'auditor')
  @Query(() => [WebhookEventType], { description: 'Every integration event type an endpoint may subscribe to, with its schema and an example' })
  webhookEventTypes() {
    return this.catalogue.entries.map((entry) => ({
      type: entry.type,
      context: entry.context,
      description: entry.description,
      schema: JSON.stringify(entry.schema),
      example: JSON.stringify(entry.example),
    }));
  }

  @CommandMutation(commands.createWebhookEndpoint, () => CreatedWebhookEndpoint, {
    description: 'Answers the endpoint and its signing secret, shown this once',
  })
  createWebhookEndpoint(@Args('input') input: CreateWebhookEndpointInput, @Caller() caller: Caller) {
    return this.commands.execute(commands.createWebhookEndpoint, input, caller);
  }

  @CommandMutation(commands.updateWebhookEndpoint, () => WebhookEndpoint)
  updateWebhookEndpoint(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateWebhookEndpointInput, @Caller() caller: Caller) {
    return this.commands.execute(commands.updateWebhookEndpoint, { ...input, endpointId: id }, caller);
  }

  @CommandMutation(commands.disableWebhookEndpoint, () => WebhookEndpoint, { description: 'Nothing is sent until enabled; deliveries wait, PENDING' })
  disableWebhookEndpoint(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(commands.disableWebhookEndpoint, { endpointId: id }, caller);
  }

  @CommandMutation(commands.enableWebhookEndpoint, () => WebhookEndpoint, { description: 'Delivers what it missed while disabled' })
  enableWebhookEndpoint(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(commands.enableWebhookEndpoint, { endpointId: id }, caller);
  }

  @CommandMutation(commands.deleteWebhookEndpoint, () => Boolean)
  deleteWebhookEndpoint(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(commands.deleteWebhookEndpoint, { endpointId: id }, caller);
  }

  @CommandMutation(commands.rotateWebhookSecret, () => RotatedWebhookSecret, {
    description: 'A new secret, shown once; the old one keeps signing beside it for 24 hours',
  })
  rotateWebhookSecret(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(commands.rotateWebhookSecret, { endpointId: id }, caller);
  }

  @Allow('admin')
  @Mutation(() => WebhookDelivery, { description: 'One more attempt now, with the same webhook-id' })
  resendWebhookDelivery(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.operations.resend(caller.tenantId, id);
  }

  @Allow('admin')
  @Mutation(() => WebhookReplay, { description: 'Every matching event of the range delivered again, with its original webhook-id' })
  async replayWebhookEndpoint(@Args() args: ReplayWebhookEndpointArgs, @Caller() caller: Caller) {
    return { deliveries: await this.operations.replay(caller.tenantId, args.id, args.from, args.to) };
  }

  @Allow('admin')
  @Mutation(() => WebhookDelivery, { description: 'An example of the type (from its schema), marked "test": true in the payload' })
  sendTestWebhook(@Args('endpointId', { type: () => ID }) endpointId: string, @Args('eventType') eventType: string, @Caller() caller: Caller) {
    return this.operations.sendTest(caller.tenantId, endpointId, eventType);
  }
}
