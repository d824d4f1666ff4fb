package dev.localkms.alias;

import java.util.List;

/** Reply bodies of the alias actions, without {@code RequestId}. */
public final class AliasReplies {

    private AliasReplies() {
    }

    /** Reply of ListAliases and ListAliasesByKeyId. */
    public record ListAliasesReply(int pageNumber, int pageSize, long totalCount, Aliases aliases) {
    }

    /** The {@code Aliases} wrapper, holding the {@code Alias} list. */
    public record Aliases(List<AliasMetadata> alias) {
    }

    /** One alias: its name, its ARN and the ID of the key it points to. */
    public record AliasMetadata(String keyId, String aliasName, String aliasArn) {
    }
}
