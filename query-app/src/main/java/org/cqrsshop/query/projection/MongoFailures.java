package org.cqrsshop.query.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;

/** What a MongoDB failure means to us. */
public final class MongoFailures {

    private static final int DUPLICATE_KEY = 11000;

    private MongoFailures() {}

    /** Another writer got there first: a unique key, {@code _id} included, is taken. */
    public static boolean isDuplicateKey(Throwable failure) {
        return (failure instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY)
                || (failure instanceof MongoCommandException command && command.getErrorCode() == DUPLICATE_KEY);
    }
}
