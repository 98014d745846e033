/**
 * The public contract of the Understudy resource adapter: what the web filter and the interceptors compile
 * against (scope {@code provided}). Plain Java: no container and no broker types appear here.
 */
package dev.understudy.api;
