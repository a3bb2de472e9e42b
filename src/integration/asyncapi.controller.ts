import { Controller, Get, Header } from '@nestjs/common';
import { asyncApiJson } from './asyncapi';

/** The AsyncAPI 3.0 document of the integration events, public like the contract it describes (no token). */
@Controller()
export class AsyncApiController {
  private readonly document = asyncApiJson();

  @Get('asyncapi.json')
  @Header('content-type', 'application/json; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  asyncApi(): string {
    return this.document;
  }
}
