import { Controller, Get, HttpException, HttpStatus, OnApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';

/** 200 once the app has started (database migrated, projections running); 503 while stopping. */
@Controller()
export class HealthController implements OnApplicationBootstrap, OnApplicationShutdown {
  private ready = false;

  onApplicationBootstrap() {
    this.ready = true;
  }

  onApplicationShutdown() {
    this.ready = false;
  }

  @Get('health')
  health() {
    if (!this.ready) throw new HttpException({ status: 'starting or stopping' }, HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'ok' };
  }
}
