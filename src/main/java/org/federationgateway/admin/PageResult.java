package org.federationgateway.admin;

import java.util.Objects;

/** What a page controller decided: render its view with a model, or redirect (after a successful POST). */
public sealed interface PageResult {
    record Render(ViewModel model) implements PageResult {
        public Render {
            Objects.requireNonNull(model, "model");
        }
    }

    record Redirect(String location) implements PageResult {
        public Redirect {
            Objects.requireNonNull(location, "location");
            if (location.contains("\r") || location.contains("\n")) {
                throw new IllegalArgumentException("redirect location must be a single line");
            }
        }
    }

    static PageResult render(ViewModel model) {
        return new Render(model);
    }

    static PageResult redirect(String location) {
        return new Redirect(location);
    }
}
