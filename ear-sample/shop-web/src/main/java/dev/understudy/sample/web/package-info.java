/**
 * The sample shop's HTTP API (ARCHITECTURE §9): one servlet per endpoint under {@code /sample/api}, JSON replies
 * written after the web filter's commit point ({@link dev.understudy.sample.web.Replies}), so that each reply says
 * which version and route the request's change reached.
 */
package dev.understudy.sample.web;
