package io.lakelet.glue.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.Names;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import software.amazon.awssdk.services.glue.model.CreateUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.CreateUserDefinedFunctionResponse;
import software.amazon.awssdk.services.glue.model.DeleteUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.DeleteUserDefinedFunctionResponse;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionResponse;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionsRequest;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionsResponse;
import software.amazon.awssdk.services.glue.model.UpdateUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.UpdateUserDefinedFunctionResponse;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

/** User-defined functions. */
public final class FunctionOperations {
    private final GlueCatalog catalog;

    public FunctionOperations(GlueCatalog catalog) {
        this.catalog = catalog;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreateUserDefinedFunction", CreateUserDefinedFunctionRequest.class, (ctx, in) -> {
            checkInput(Requests.name(Requests.check(), "databaseName", in.databaseName()), in.functionInput());
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.functions().create(scope, in.databaseName(), in.functionInput());
            return CreateUserDefinedFunctionResponse.builder().build();
        });
        b.operation("GetUserDefinedFunction", GetUserDefinedFunctionRequest.class, (ctx, in) -> {
            Requests.name(Requests.name(Requests.check(), "databaseName", in.databaseName()), "functionName",
                    in.functionName()).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            return GetUserDefinedFunctionResponse.builder()
                    .userDefinedFunction(catalog.functions().get(scope, in.databaseName(), in.functionName())).build();
        });
        b.operation("GetUserDefinedFunctions", GetUserDefinedFunctionsRequest.class, (ctx, in) -> {
            Validation v = Requests.name(Requests.optionalName(Requests.check(), "databaseName", in.databaseName()),
                    "pattern", in.pattern());
            int max = Requests.pageSize(v, in.maxResults(), 100, 100);
            Scope scope = Requests.scope(ctx, in.catalogId());
            Paging.Page<UserDefinedFunction> page = catalog.functions().list(scope, in.databaseName(), in.pattern(),
                    in.functionTypeAsString(), in.nextToken(), max);
            return GetUserDefinedFunctionsResponse.builder().userDefinedFunctions(page.items())
                    .nextToken(page.nextToken()).build();
        });
        b.operation("UpdateUserDefinedFunction", UpdateUserDefinedFunctionRequest.class, (ctx, in) -> {
            checkInput(Requests.name(Requests.name(Requests.check(), "databaseName", in.databaseName()),
                    "functionName", in.functionName()), in.functionInput());
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.functions().update(scope, in.databaseName(), in.functionName(), in.functionInput());
            return UpdateUserDefinedFunctionResponse.builder().build();
        });
        b.operation("DeleteUserDefinedFunction", DeleteUserDefinedFunctionRequest.class, (ctx, in) -> {
            Requests.name(Requests.name(Requests.check(), "databaseName", in.databaseName()), "functionName",
                    in.functionName()).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.functions().delete(scope, in.databaseName(), in.functionName());
            return DeleteUserDefinedFunctionResponse.builder().build();
        });
    }

    private static void checkInput(Validation v, UserDefinedFunctionInput in) {
        v.notNull("functionInput", in);
        if (in != null) {
            Requests.name(v, "functionInput.functionName", in.functionName())
                    .pattern("functionInput.className", in.className(), Names.SINGLE_LINE)
                    .length("functionInput.className", in.className(), 1, 255)
                    .length("functionInput.ownerName", in.ownerName(), 1, 255)
                    .size("functionInput.resourceUris", in.hasResourceUris() ? in.resourceUris() : null, 0, 1000);
        }
        v.orThrow();
    }
}
