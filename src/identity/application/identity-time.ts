import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '../../shared/clock';

const DAY_MS = 86_400_000;

/** The app's clock (tests move it), for the hooks of identity commands: invitation and reset expiry, key expiry. */
@Injectable()
export class IdentityTime {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  now(): Date {
    return this.clock.now();
  }

  inDays(days: number): Date {
    return new Date(this.clock.now().getTime() + days * DAY_MS);
  }

  inHours(hours: number): Date {
    return new Date(this.clock.now().getTime() + hours * 3_600_000);
  }
}
