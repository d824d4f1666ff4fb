package dev.localkms.api;

import java.util.Arrays;
import java.util.Optional;

/** Alibaba Cloud products served on the endpoint, chosen by the request's API version. */
public enum Product {
    KMS("2016-01-20", "Kms"),
    RAM("2015-05-01", "Ram");

    private final String version;
    private final String productName;

    Product(String version, String productName) {
        this.version = version;
        this.productName = productName;
    }

    public String version() {
        return version;
    }

    /** Returns the product name as Alibaba's troubleshooting links spell it. */
    public String productName() {
        return productName;
    }

    static Optional<Product> forVersion(String version) {
        return Arrays.stream(values()).filter(product -> product.version.equals(version)).findFirst();
    }
}
