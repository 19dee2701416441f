export { environmentNames, type EnvironmentName } from './environments';
export {
  newServiceEntry,
  PUBLIC_PATH_PATTERN,
  SERVICE_NAME_PATTERN,
  ServiceEntrySchema,
  type ServiceEntry,
  type ServiceName,
  type ServiceSizing,
} from './service-entry';
export { parseServiceRegistry, REGISTRY_PATH, serviceRegistry, ServiceRegistryError, validateServices } from './service-registry';
export { calledBy, callersFirst, dependencyVariables, effectiveCallers, isPublicEntry, publicEntry, variablePrefix } from './callers';
export { APP, names, pipelineParts, type DiscoveryEnvironment } from './aws-names';
