package dev.localkms.api;

/** Runs one API action and returns its reply body without {@code RequestId}, or null for an empty reply. */
@FunctionalInterface
public interface ActionHandler {

    Object handle(ActionRequest request);
}
