import { Module } from '@nestjs/common';
import { DashboardQueries } from './dashboard.queries';
import { DashboardResolver } from './dashboard.resolver';

/** The admin UI's home page: aggregates over the contexts' read models, per role's panels. */
@Module({ providers: [DashboardQueries, DashboardResolver] })
export class DashboardModule {}
