/**
 * The Jakarta Connectors (JCA 2.1) glue of Understudy: the resource adapter
 * ({@link dev.understudy.connector.UnderstudyResourceAdapter}, one engine and its broker connections per node),
 * the managed connection factory and managed connections (cheap views of that engine, pooled by the container),
 * and the connection handle applications use ({@link dev.understudy.connector.UnderstudyConnectionHandle},
 * implementing {@link dev.understudy.api.ReplicationConnection}). Adapters only translate: the protocol lives in
 * {@code dev.understudy.core}. Outbound only, no transactions.
 */
package dev.understudy.connector;
