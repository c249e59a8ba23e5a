package org.biologicscds.knowledge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.RelatedArtifact;

/**
 * The sources cards may cite: {@code Library/source-catalogue}, whose {@code relatedArtifact}
 * entries are clinical-v2.md section 2. Rules name sources by catalogue id; the id {@value #DRUG_LABELS}
 * stands for the reference labels of the drug a card is about (the spec's "labels"). Immutable and
 * thread-safe.
 */
public final class SourceCatalog {

    /** The catalogue's id; its file is {@code Library-source-catalogue.json}. */
    public static final String ID = "source-catalogue";
    public static final String URL = Knowledge.CANONICAL_BASE + "/Library/" + ID;
    /** In a rule's sources: the labels of the drug the card is about (clinical-v2.md section 3, "labels"). */
    public static final String DRUG_LABELS = "labels";

    static final String VERIFICATION_URL = Knowledge.CANONICAL_BASE + "/StructureDefinition/source-verification";
    static final String LABEL_OF_URL = Knowledge.CANONICAL_BASE + "/StructureDefinition/source-label-of";
    static final String RETIRED_URL = Knowledge.CANONICAL_BASE + "/StructureDefinition/retired-source";

    private static final Pattern LINKABLE = Pattern.compile("https://[^\\s()<>]+");

    private final Map<String, CitedSource> sources;
    private final List<Pattern> retired;

    private SourceCatalog(Map<String, CitedSource> sources, List<Pattern> retired) {
        // Catalogue order matters: a drug's labels resolve US, then EU, then RU, as listed.
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.retired = List.copyOf(retired);
    }

    /**
     * Reads the catalogue and refuses it, naming the file and the entry, when an entry has no id,
     * display or citation, an id is repeated, a verification marker is malformed, or an entry's
     * address, title or citation matches a retired source.
     */
    static SourceCatalog read(Library library, String file) {
        List<Pattern> retired = new ArrayList<>();
        for (Extension extension : library.getExtensionsByUrl(RETIRED_URL)) {
            String regex = extension.getValue() == null ? "" : extension.getValue().primitiveValue();
            try {
                retired.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (PatternSyntaxException e) {
                throw new KnowledgeException(file, "retired-source '" + regex + "' is not a regular expression", e);
            }
        }
        if (retired.isEmpty()) {
            throw new KnowledgeException(file, "needs the retired-source patterns of clinical-v2.md section 2");
        }
        Map<String, CitedSource> sources = new LinkedHashMap<>();
        for (RelatedArtifact artifact : library.getRelatedArtifact()) {
            CitedSource source = source(artifact, file);
            if (DRUG_LABELS.equals(source.id())) {
                throw new KnowledgeException(file, "'" + DRUG_LABELS + "' is reserved for the labels of the card's drug");
            }
            if (sources.put(source.id(), source) != null) {
                throw new KnowledgeException(file, "source '" + source.id() + "' is listed twice");
            }
            retiredMatch(retired, source).ifPresent(pattern -> {
                throw new KnowledgeException(file, "source '" + source.id() + "' matches the retired source '"
                        + pattern + "' (clinical-v2.md section 2)");
            });
        }
        return new SourceCatalog(sources, retired);
    }

    private static CitedSource source(RelatedArtifact artifact, String file) {
        String id = artifact.getLabel();
        if (id == null || id.isBlank() || !artifact.hasDisplay() || !artifact.hasCitation()) {
            throw new KnowledgeException(file, "every relatedArtifact needs a label (the source id), display and citation"
                    + (id == null ? "" : "; '" + id + "' does not"));
        }
        Optional<String> labelOf = Optional.ofNullable(artifact.getExtensionByUrl(LABEL_OF_URL))
                .map(e -> e.getValue() == null ? "" : e.getValue().primitiveValue());
        if (labelOf.isPresent() && labelOf.get().isBlank()) {
            throw new KnowledgeException(file, "source '" + id + "': source-label-of needs a drug id");
        }
        CitedSource.Verification verification = CitedSource.Verification.STATED;
        String note = "";
        Extension marker = artifact.getExtensionByUrl(VERIFICATION_URL);
        if (marker != null) {
            Extension status = marker.getExtensionByUrl("status");
            Extension text = marker.getExtensionByUrl("note");
            String code = status == null || status.getValue() == null ? "" : status.getValue().primitiveValue();
            verification = switch (code) {
                case "confirmed" -> CitedSource.Verification.CONFIRMED;
                case "open" -> CitedSource.Verification.OPEN;
                default -> throw new KnowledgeException(file, "source '" + id
                        + "': source-verification status must be confirmed or open, not '" + code + "'");
            };
            note = text == null || text.getValue() == null ? "" : text.getValue().primitiveValue();
            if (note.isBlank()) {
                throw new KnowledgeException(file, "source '" + id
                        + "': source-verification needs a note (where it was confirmed, or what is open)");
            }
        }
        Optional<String> url = artifact.hasUrl() ? Optional.of(artifact.getUrl()) : Optional.empty();
        if (url.isPresent() && !LINKABLE.matcher(url.get()).matches()) {
            // Cards put the url into a Markdown link as it is: no spaces, parentheses or angle brackets.
            throw new KnowledgeException(file, "source '" + id + "': url must be an https address without spaces, "
                    + "parentheses or angle brackets, not " + url.get());
        }
        return new CitedSource(id, artifact.getDisplay(), artifact.getCitation(), url, labelOf, verification, note);
    }

    private static Optional<String> retiredMatch(List<Pattern> retired, CitedSource source) {
        for (Pattern pattern : retired) {
            for (String text : List.of(source.url().orElse(""), source.display(), source.citation())) {
                if (pattern.matcher(text).find()) {
                    return Optional.of(pattern.pattern());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Checks a rule's source ids: each must be in the catalogue or be {@value #DRUG_LABELS}, none
     * twice, and at least one must give the card a link.
     */
    void checkRuleSources(String file, List<String> ids) {
        if (ids.isEmpty()) {
            throw new KnowledgeException(file, "needs at least one relatedArtifact naming a source of "
                    + "Library/source-catalogue (label = its id, or '" + DRUG_LABELS + "')");
        }
        Set<String> seen = new LinkedHashSet<>();
        boolean linked = false;
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new KnowledgeException(file, "names source '" + id + "' twice");
            }
            if (DRUG_LABELS.equals(id)) {
                linked = true;
                continue;
            }
            CitedSource source = find(id).orElseThrow(() -> new KnowledgeException(file, "names source '" + id
                    + "', which is not in Library/source-catalogue (clinical-v2.md section 2)"));
            linked |= source.url().isPresent();
        }
        if (!linked) {
            throw new KnowledgeException(file, "names no source with a link: a card needs a source url");
        }
    }

    /** Every drug must have a linked reference label, so that {@value #DRUG_LABELS} always resolves. */
    void checkDrugLabels(String file, List<String> drugIds) {
        for (String drugId : drugIds) {
            if (labelsOf(drugId).stream().noneMatch(s -> s.url().isPresent())) {
                throw new KnowledgeException(file, "has no linked label (source-label-of) of drug '" + drugId + "'");
            }
        }
    }

    public Optional<CitedSource> find(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /** Every source, in catalogue order. */
    public List<CitedSource> all() {
        return List.copyOf(sources.values());
    }

    /** The reference labels of a drug (US, then EU, then RU, as listed in the catalogue). */
    public List<CitedSource> labelsOf(String drugId) {
        return sources.values().stream().filter(s -> s.labelOf().filter(drugId::equals).isPresent()).toList();
    }

    /**
     * A rule's sources for a card about {@code drugId}: the ids in order, {@value #DRUG_LABELS}
     * replaced by the drug's labels, each source once. Ids were checked at load.
     */
    public List<CitedSource> resolve(List<String> ids, String drugId) {
        Map<String, CitedSource> resolved = new LinkedHashMap<>();
        for (String id : ids) {
            if (DRUG_LABELS.equals(id)) {
                labelsOf(drugId).forEach(s -> resolved.putIfAbsent(s.id(), s));
            } else {
                CitedSource source = sources.get(id);
                if (source != null) {
                    resolved.putIfAbsent(id, source);
                }
            }
        }
        return List.copyOf(resolved.values());
    }

    /**
     * The source a card shows in {@code source}: the first linked one that is not another drug's
     * label (a card about adalimumab does not headline the Remicade label), else the first linked one.
     */
    public static Optional<CitedSource> headline(List<CitedSource> sources, String drugId) {
        return sources.stream()
                .filter(s -> s.url().isPresent() && s.labelOf().map(drugId::equals).orElse(true))
                .findFirst()
                .or(() -> sources.stream().filter(s -> s.url().isPresent()).findFirst());
    }

    /** True if the text (an address, title or citation) matches a retired source pattern. */
    public boolean isRetired(String text) {
        return retired.stream().anyMatch(p -> p.matcher(text).find());
    }
}
