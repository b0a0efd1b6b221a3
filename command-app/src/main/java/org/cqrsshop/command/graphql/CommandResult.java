package org.cqrsshop.command.graphql;

import org.cqrsshop.command.handling.CommandOutcome;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CommandResult")
@Description("The aggregate a mutation acted on, and its version afterwards. Pass the version as "
        + "expectedVersion to guard the next change.")
public record CommandResult(
        @NonNull @Id String id,
        int version,
        @Description("Global position of the last event the mutation appended; 0 when it changed nothing") long position) {

    public static CommandResult of(CommandOutcome outcome) {
        return new CommandResult(outcome.streamId().toString(), Math.toIntExact(outcome.version()), outcome.position());
    }
}
