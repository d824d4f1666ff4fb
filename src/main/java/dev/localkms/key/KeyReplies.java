package dev.localkms.key;

import java.util.List;

/** Reply bodies of the key actions, without {@code RequestId}. */
public final class KeyReplies {

    private KeyReplies() {
    }

    /** Reply of CreateKey and DescribeKey. */
    public record KeyMetadataReply(KeyMetadata keyMetadata) {
    }

    /** Reply of ListKeys. */
    public record ListKeysReply(int pageNumber, int pageSize, long totalCount, Keys keys) {
    }

    /** The {@code Keys} wrapper, holding the {@code Key} list. */
    public record Keys(List<KeySummary> key) {
    }

    /** One entry of ListKeys. */
    public record KeySummary(String keyId, String keyArn) {
    }
}
