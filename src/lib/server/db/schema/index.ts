export * from './areas';
export * from './indicators';
export * from './imports';
export * from './auth';
export * from './targets';
export * from './interventions';
export * from './reports';
