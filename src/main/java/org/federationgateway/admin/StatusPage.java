package org.federationgateway.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

import org.federationgateway.lifecycle.PartStatus;

/** The overview page: the plugin's version and whether each of its parts is running. */
public final class StatusPage implements PageController {
    private final String version;
    private final Supplier<List<PartStatus>> parts;

    public StatusPage(String version, Supplier<List<PartStatus>> parts) {
        this.version = Objects.requireNonNull(version, "version");
        this.parts = Objects.requireNonNull(parts, "parts");
    }

    @Override
    public PageResult handle(HttpServletRequest request) {
        // EL cannot read record accessors, so views get plain maps.
        List<Map<String, String>> rows = parts.get().stream()
                .map(p -> Map.of(
                        "part", p.part(),
                        "state", p.state().code(),
                        "cause", p.cause() == null ? "" : p.cause()))
                .toList();
        return PageResult.render(Map.of("version", version, "parts", rows));
    }
}
