import { officialImageName } from '../model/image';

/**
 * The port the server of a well-known official image listens on (from each
 * image's Dockerfile `EXPOSE`, Docker Hub "library" images). A Compose
 * service without `ports` or `expose` is reachable on Swarm by its name on
 * any port, but on Kubernetes only through a Service, which needs a port:
 * for these images the importer declares it, and says it was inferred.
 */
export const WELL_KNOWN_PORTS: Readonly<Record<string, number>> = {
  cassandra: 9042,
  couchdb: 5984,
  elasticsearch: 9200,
  influxdb: 8086,
  mariadb: 3306,
  memcached: 11211,
  mongo: 27017,
  mysql: 3306,
  nats: 4222,
  postgres: 5432,
  rabbitmq: 5672,
  redis: 6379,
  valkey: 6379,
  zookeeper: 2181,
};

/** The port of a well-known official image, or undefined. */
export function wellKnownPort(image: string): number | undefined {
  const name = officialImageName(image);
  return name !== undefined && Object.prototype.hasOwnProperty.call(WELL_KNOWN_PORTS, name) ? WELL_KNOWN_PORTS[name] : undefined;
}
