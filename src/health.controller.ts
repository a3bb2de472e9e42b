import { Controller, Get, HttpException, HttpStatus, OnApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { HttpDrain } from './shared/http/http-drain';

/**
 * `/health/live`: 200 while the process answers at all. `/health/ready`: 200 once the app has started
 * (database migrated, processors running) and until it begins to stop, 503 otherwise: a load balancer
 * takes the instance out before anything stops. `/health` is the readiness answer, as it always was.
 */
@Controller('health')
export class HealthController implements OnApplicationBootstrap, OnApplicationShutdown {
  private started = false;

  constructor(private readonly drain: HttpDrain) {}

  onApplicationBootstrap() {
    this.started = true;
  }

  onApplicationShutdown() {
    this.started = false;
  }

  @Get()
  health() {
    return this.ready();
  }

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  ready() {
    if (!this.started || this.drain.isStopping) throw new HttpException({ status: 'starting or stopping' }, HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'ok' };
  }
}
