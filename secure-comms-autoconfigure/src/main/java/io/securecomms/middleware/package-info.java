/**
 * Middleware clients (Redis, Kafka, RabbitMQ, MongoDB, Cassandra, Elasticsearch, LDAP,
 * mail) checked for what weakens their TLS and put on the policy's SSL context.
 */
@NullMarked
package io.securecomms.middleware;

import org.jspecify.annotations.NullMarked;
