/**
 * The web filter: replicated HTTP sessions by adding one jar to a WAR. It sees only the resource adapter's
 * public API ({@code dev.understudy.api}). The filter itself arrives with issue 3; this module already
 * carries the build rule that keeps it on the API.
 */
package dev.understudy.web;
