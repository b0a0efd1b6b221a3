package org.cqrsshop.graphql.errors;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GraphQL error whose JSON form is exactly message, locations, path and our extensions. The
 * library's own error types add fields of their choosing (classification, exception names);
 * writing the specification form ourselves is how the exposed fields stay whitelisted.
 */
record TranslatedError(
        String message,
        List<SourceLocation> locations,
        List<Object> path,
        Map<String, Object> extensions,
        ErrorClassification errorType) implements GraphQLError {

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    /** Kept from the original error for SmallRye's own use; it is not part of the JSON form. */
    @Override
    public ErrorClassification getErrorType() {
        return errorType;
    }

    @Override
    public Map<String, Object> toSpecification() {
        Map<String, Object> specification = new LinkedHashMap<>();
        specification.put("message", message);
        if (locations != null && !locations.isEmpty()) {
            specification.put("locations", locations.stream()
                    .map(location -> Map.of("line", location.getLine(), "column", location.getColumn()))
                    .toList());
        }
        if (path != null && !path.isEmpty()) {
            specification.put("path", path);
        }
        specification.put("extensions", extensions);
        return specification;
    }
}
