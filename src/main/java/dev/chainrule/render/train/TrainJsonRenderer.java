package dev.chainrule.render.train;

import dev.chainrule.render.doc.NetworkNames;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.train.Optimizer;
import dev.chainrule.train.TrainResult;
import dev.chainrule.train.Trainer;
import java.util.List;
import java.util.Map;

/**
 * {@code train --format json}: the contract's {@code epochs: [{epoch, loss}]} and
 * {@code parameters: [{kind, layer, neuron, input, value}]}, plus {@code gradient_norm} per epoch, the settings, the
 * loss before training, the written-out steps and, when the run stopped early, {@code diverged}. Non-finite numbers
 * are written as null.
 */
public final class TrainJsonRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainJsonRenderer() {
    }

    public static String render(TrainResult r) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode epochs = root.putArray("epochs");
        for (TrainResult.Epoch e : r.epochs()) {
            ObjectNode o = epochs.addObject();
            o.put("epoch", e.epoch());
            put(o, "loss", e.loss());
            put(o, "gradient_norm", e.gradientNorm());
        }
        ArrayNode params = root.putArray("parameters");
        List<ParamId> ids = r.spec().parameters();
        double[] initial = r.spec().parameterVector();
        for (int i = 0; i < ids.size(); i++) {
            ObjectNode o = id(params.addObject(), ids.get(i));
            put(o, "value", r.parameters()[i]);
            put(o, "initial", initial[i]);
        }
        root.put("network", NetworkNames.title(r.spec()));
        put(root, "initial_loss", r.initialLoss());
        put(root, "initial_gradient_norm", r.initialGradientNorm());
        ObjectNode opt = root.putObject("optimizer");
        Optimizer optimizer = r.optimizer();
        opt.put("name", optimizer.name());
        opt.put("learning_rate", optimizer.learningRate());
        optimizer.hyperParameters().forEach(opt::put);
        root.put("batch_size", r.batchSize());
        root.put("steps_per_epoch", r.stepsPerEpoch());
        root.put("epochs_requested", r.config().epochs());
        if (r.config().shuffleSeed().isPresent()) {
            root.put("shuffle_seed", r.config().shuffleSeed().getAsLong());
        } else {
            root.putNull("shuffle_seed");
        }
        ArrayNode steps = root.putArray("steps");
        for (TrainResult.StepRecord s : r.steps()) {
            ObjectNode o = steps.addObject();
            o.put("step", s.step());
            o.put("epoch", s.epoch());
            o.put("batch", s.batch());
            ArrayNode samples = o.putArray("samples");
            s.samples().forEach(samples::add);
            put(o, "batch_loss", s.batchLoss());
            ArrayNode ups = o.putArray("updates");
            for (int i = 0; i < s.ids().size(); i++) {
                Optimizer.ParamUpdate u = s.updates()[i];
                ObjectNode p = ups.addObject();
                p.put("param", s.ids().get(i).toString());
                put(p, "before", u.before());
                put(p, "gradient", u.gradient());
                put(p, "after", u.after());
                if (!u.state().isEmpty()) {
                    ObjectNode st = p.putObject("state");
                    for (Map.Entry<String, Double> e : u.state().entrySet()) {
                        put(st, e.getKey(), e.getValue());
                    }
                }
            }
        }
        if (r.divergence().isPresent()) {
            TrainResult.Divergence d = r.divergence().get();
            ObjectNode o = root.putObject("diverged");
            o.put("epoch", d.epoch());
            o.put("step", d.step());
            o.put("reason", d.reason());
            o.put("message", Trainer.divergenceMessage(r));
        } else {
            root.putNull("diverged");
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode id(ObjectNode o, ParamId id) {
        NetworkNames.putId(o, id);
        o.put("name", id.toString());
        return o;
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
