package dev.understudy.core.codec;

/**
 * Bounds the codec enforces on both sides: the encoder refuses to produce what the decoder would refuse,
 * and the decoder checks every declared length and count against them <em>before</em> allocating, so that a
 * hostile or corrupt frame cannot make it allocate more than a small multiple of the frame's own size.
 *
 * @param maxFrameBytes           largest encoded frame (default 16 MiB)
 * @param maxMessagesPerFrame     most messages in one frame (default 100,000)
 * @param maxAttributesPerSession most attributes in a session state, or set/removed in one delta (10,000)
 * @param maxAttributeBytes       largest attribute value (default 4 MiB)
 * @param maxStringBytes          largest UTF-8 string: node ids, scopes, session ids, attribute names,
 *                                topology labels (default 4 KiB; at most 65,535, the 2-byte length prefix)
 * @param maxDigestEntries        most entries in a version digest (default 100,000)
 */
public record CodecLimits(int maxFrameBytes, int maxMessagesPerFrame, int maxAttributesPerSession,
        int maxAttributeBytes, int maxStringBytes, int maxDigestEntries) {

    /** The largest string the 2-byte unsigned length prefix can describe. */
    public static final int STRING_LENGTH_CAP = 0xFFFF;

    public static final CodecLimits DEFAULT =
            new CodecLimits(16 * 1024 * 1024, 100_000, 10_000, 4 * 1024 * 1024, 4 * 1024, 100_000);

    public CodecLimits {
        positive("maxFrameBytes", maxFrameBytes);
        positive("maxMessagesPerFrame", maxMessagesPerFrame);
        positive("maxAttributesPerSession", maxAttributesPerSession);
        positive("maxAttributeBytes", maxAttributeBytes);
        positive("maxStringBytes", maxStringBytes);
        positive("maxDigestEntries", maxDigestEntries);
        if (maxStringBytes > STRING_LENGTH_CAP) {
            throw new IllegalArgumentException("maxStringBytes must be at most " + STRING_LENGTH_CAP + ": "
                    + maxStringBytes);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
