package dev.understudy.api;

/** The largest attribute and the largest session (names plus values, in bytes) the adapter accepts. */
public record SizeLimits(long maxAttributeBytes, long maxSessionBytes) {
}
