import { DirectoryActor, UserDirectory } from '../../identity/public/user-directory';

type ActorKind = DirectoryActor['kind'];
const KINDS: readonly string[] = ['user', 'api_key', 'system'];

/** Names the actors of one answer, asking the directory once per actor. */
export class ActorNames {
  private readonly known = new Map<string, Promise<DirectoryActor>>();

  constructor(
    private readonly directory: UserDirectory,
    private readonly tenantId: string,
  ) {}

  of(actorId: string | null | undefined, kind: string | null | undefined): Promise<DirectoryActor> {
    const id = actorId ?? 'unknown';
    const actorKind: ActorKind = KINDS.includes(kind ?? '') ? (kind as ActorKind) : id.startsWith('system:') ? 'system' : 'user';
    const key = `${actorKind}:${id}`;
    let actor = this.known.get(key);
    if (!actor) {
      actor = this.directory.actor(this.tenantId, id, actorKind).catch(() => ({ id, kind: actorKind, name: null, email: null }));
      this.known.set(key, actor);
    }
    return actor;
  }
}
