package dev.understudy.connector;

import jakarta.resource.spi.ManagedConnectionMetaData;

/** What the container's tools show about a managed connection. */
final class UnderstudyConnectionMetaData implements ManagedConnectionMetaData {
    static final String PRODUCT = "Understudy";
    private final String user;

    UnderstudyConnectionMetaData(String user) {
        this.user = user;
    }

    @Override
    public String getEISProductName() {
        return PRODUCT;
    }

    @Override
    public String getEISProductVersion() {
        String version = UnderstudyConnectionMetaData.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /** No limit: managed connections share the adapter's one engine and broker connection. */
    @Override
    public int getMaxConnections() {
        return 0;
    }

    /** The broker user ({@code ""} for an unsecured broker). */
    @Override
    public String getUserName() {
        return user;
    }
}
