package dev.localkms.api;

import java.util.Map;

/** A group of actions of one product, registered with the dispatcher by each feature. */
public interface ProductActions {

    Product product();

    /** Returns the handlers by action name, as Alibaba spells it ({@code CreateAlias}). */
    Map<String, ActionHandler> handlers();
}
