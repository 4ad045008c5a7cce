package dev.chainrule.render.doc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import java.util.ArrayList;
import java.util.List;

/**
 * A network as explain and train name it: the one-line title (name, shape, activations, loss, reduction), the
 * activation and loss names, and the JSON keys naming a parameter.
 */
public final class NetworkNames {
    private NetworkNames() {
    }

    /** The one line under every title: name, shape, activations, loss, reduction and the number of samples. */
    public static String title(NetworkSpec spec) {
        StringBuilder sb = new StringBuilder();
        if (spec.name() != null && !spec.name().isBlank()) {
            sb.append(spec.name()).append(" · ");
        }
        sb.append(spec.shape()).append(" · ");
        List<String> acts = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            acts.add(activationName(l.activation()));
        }
        sb.append(String.join(" → ", acts)).append(" · ").append(lossName(spec)).append(" · ");
        int n = spec.data().size();
        sb.append(spec.reduction().yamlName()).append(" over ").append(n)
                .append(n == 1 ? " sample" : " samples");
        return sb.toString();
    }

    public static String activationName(Activation a) {
        return switch (a) {
            case IDENTITY -> "identity";
            case SIGMOID -> "σ";
            case TANH -> "tanh";
            case RELU -> "ReLU";
            case LEAKY_RELU -> "leaky ReLU";
            case SOFTPLUS -> "softplus";
            case ELU -> "ELU";
            case GELU -> "GELU";
            case SILU -> "SiLU";
            case SOFTMAX -> "softmax";
        };
    }

    public static String lossName(NetworkSpec spec) {
        return switch (spec.loss()) {
            case SE -> "squared error";
            case HALF_SE -> "½ squared error";
            case BCE -> "BCE";
            case CE -> "cross-entropy";
            case MAE -> "absolute error";
            case HUBER -> "Huber";
        };
    }

    /** The contract's keys naming a parameter: kind, layer, neuron, input (null for a bias). */
    public static ObjectNode putId(ObjectNode o, ParamId id) {
        o.put("kind", id.isWeight() ? "weight" : "bias");
        o.put("layer", id.layer());
        o.put("neuron", id.neuron());
        if (id.isWeight()) {
            o.put("input", id.input());
        } else {
            o.putNull("input");
        }
        return o;
    }
}
