package org.optimizerlab.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.optimizerlab.analysis.MomentumRate;
import org.optimizerlab.analysis.MomentumRate.Method;
import org.optimizerlab.analysis.MomentumRate.Rate;
import org.optimizerlab.analysis.MomentumRate.Region;
import org.optimizerlab.analysis.RateMap;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;

/**
 * {@code GET /api/rate-map}: the exact convergence rate of momentum or Nesterov on the quadratic over a grid of
 * (lr, mu) ({@link RateMap}), the best pair, and the rate at the student's own (lr, mu); query and answer in
 * {@code docs/protocol.md}. A map is {@value RateMap#LR_POINTS} × {@value RateMap#MU_POINTS} closed-form 2×2
 * eigenvalue problems (well under a millisecond), so it needs no work slot. A bad query is a 400 with
 * {@code {"error", "field"}} naming the parameter.
 */
public final class RateMapController {

    /** The query parameters, in the order the answer's errors check them. */
    static final List<String> PARAMETERS = List.of("optimizer", "a", "b", "lr_min", "lr_max", "mu_min", "mu_max",
            "lr", "mu");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Validates the query and answers the map. */
    public void rateMap(Context ctx) {
        Map<String, List<String>> query = ctx.queryParamMap();
        ObjectNode answer;
        try {
            answer = answer(query);
        } catch (FieldException e) {
            OneShotWork.error(ctx, HttpStatus.BAD_REQUEST, e);
            return;
        }
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.json(answer);
    }

    /** The answer to {@code query}, or a {@link FieldException} naming the parameter that is wrong. */
    static ObjectNode answer(Map<String, List<String>> query) {
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            if (!PARAMETERS.contains(entry.getKey())) {
                throw new FieldException(Quote.cut(entry.getKey()), "unknown parameter; allowed: "
                        + String.join(", ", PARAMETERS));
            }
            if (entry.getValue().size() > 1) {
                throw new FieldException(entry.getKey(), "is given " + entry.getValue().size() + " times; give it once");
            }
        }
        Method method = Method.of(text(query, "optimizer"), "optimizer");
        if (text(query, "optimizer").equals("sgd")) {
            throw new FieldException("optimizer", "must be momentum or nesterov (sgd is momentum's row mu = 0)");
        }
        RateMap.Request request = new RateMap.Request(method, number(query, "a"), number(query, "b"),
                number(query, "lr_min"), number(query, "lr_max"), number(query, "mu_min"), number(query, "mu_max"));
        boolean hasPoint = query.containsKey("lr") || query.containsKey("mu");
        double lr = hasPoint ? Check.inOpenClosed("lr", number(query, "lr"), 0, RateMap.MAX_VALUE) : 0;
        double mu = hasPoint ? Check.inClosedOpen("mu", number(query, "mu"), 0, 1) : 0;
        RateMap map = RateMap.of(request);
        ObjectNode answer = toJson(map);
        MomentumRate.Optimum optimum = MomentumRate.optimum(method, map.a(), map.b());
        ObjectNode best = answer.putObject("optimum");
        best.put("lr", optimum.lr());
        best.put("mu", optimum.mu());
        best.put("rate", optimum.rate());
        if (hasPoint) {
            Rate rate = MomentumRate.of(method, lr, mu, map.a(), map.b());
            ObjectNode point = answer.putObject("point");
            point.put("lr", lr);
            point.put("mu", mu);
            putRate(point, rate.rate());
            point.put("region", rate.region().id());
            point.put("slowest", rate.slowest());
            double small = Math.min(map.a(), map.b());
            if (method == Method.MOMENTUM && lr * small < 1) {
                point.put("critical_mu", MomentumRate.criticalMu(lr, small));
            } else {
                point.putNull("critical_mu");
            }
        }
        return answer;
    }

    private static ObjectNode toJson(RateMap map) {
        ObjectNode answer = NODES.objectNode();
        answer.put("optimizer", map.method().type());
        answer.put("a", map.a());
        answer.put("b", map.b());
        answer.put("condition", Math.max(map.a(), map.b()) / Math.min(map.a(), map.b()));
        ArrayNode lrs = answer.putArray("lr");
        for (double lr : map.lrs()) {
            lrs.add(lr);
        }
        ArrayNode mus = answer.putArray("mu");
        for (double mu : map.mus()) {
            mus.add(mu);
        }
        ArrayNode names = answer.putArray("regions");
        for (Region region : Region.values()) {
            names.add(region.id());
        }
        ArrayNode rates = answer.putArray("rate");
        ArrayNode regions = answer.putArray("region");
        for (int j = 0; j < map.mus().length; j++) {
            ArrayNode rateRow = rates.addArray();
            ArrayNode regionRow = regions.addArray();
            for (int i = 0; i < map.lrs().length; i++) {
                double rate = map.rates()[j][i];
                if (Float.isFinite((float) rate)) {
                    rateRow.add((float) rate);
                } else {
                    rateRow.addNull();
                }
                regionRow.add(map.regions()[j][i].ordinal());
            }
        }
        int[] best = map.best();
        ObjectNode node = answer.putObject("best");
        node.put("lr", map.lrs()[best[0]]);
        node.put("mu", map.mus()[best[1]]);
        putRate(node, map.rates()[best[1]][best[0]]);
        return answer;
    }

    private static void putRate(ObjectNode node, double rate) {
        if (Double.isFinite(rate)) {
            node.put("rate", rate);
        } else {
            node.putNull("rate");
        }
    }

    private static String text(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            throw new FieldException(name, "is required");
        }
        return values.get(0);
    }

    private static double number(Map<String, List<String>> query, String name) {
        String text = text(query, name).trim();
        if (!NUMBER.matcher(text).matches()) {
            throw new FieldException(name, "must be a number, got " + Quote.of(text));
        }
        return Double.parseDouble(text);
    }
}
