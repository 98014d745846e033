package dev.understudy.core.model;

/**
 * A session's (ownership epoch, version). A new owner increments the epoch; each replicated change
 * increments the version. Stamps order lexicographically: a higher epoch wins whatever its version.
 */
public record Stamp(long epoch, long version) implements Comparable<Stamp> {
    public static final Stamp INITIAL = new Stamp(1, 1);

    public Stamp {
        if (epoch < 0 || version < 0) {
            throw new IllegalArgumentException("Negative stamp " + epoch + "/" + version);
        }
    }

    public Stamp nextVersion() {
        return new Stamp(epoch, version + 1);
    }

    /** The stamp a new owner starts from: the next epoch, the same version (the state is unchanged). */
    public Stamp nextEpoch() {
        return new Stamp(epoch + 1, version);
    }

    public boolean isNewerThan(Stamp other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Stamp o) {
        int byEpoch = Long.compare(epoch, o.epoch);
        return byEpoch != 0 ? byEpoch : Long.compare(version, o.version);
    }

    @Override
    public String toString() {
        return epoch + "/" + version;
    }
}
