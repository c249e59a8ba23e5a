package org.biologicscds.knowledge;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Validates knowledge resources against the FHIR R4 specification with HAPI's instance validator,
 * the knowledge's own code systems and value sets known to it. Building the validator takes
 * seconds, so this runs in tests and in {@code check-knowledge}, not at every start.
 */
public final class KnowledgeValidator {

    /** One error or fatal message: the file, where in it, and what is wrong. */
    public record Problem(String fileName, String location, String message) {
        @Override
        public String toString() {
            return fileName + " " + location + ": " + message;
        }
    }

    private final FhirContext fhir;

    public KnowledgeValidator(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** Every error and fatal message for the files; empty when all are valid. */
    public List<Problem> validate(List<KnowledgeFile> files) {
        PrePopulatedValidationSupport own = new PrePopulatedValidationSupport(fhir);
        for (KnowledgeFile file : files) {
            if (file.resource() instanceof CodeSystem cs) {
                own.addCodeSystem(cs);
            } else if (file.resource() instanceof ValueSet vs) {
                own.addValueSet(vs);
            }
        }
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                own,
                new CommonCodeSystemsTerminologyService(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir));
        FhirValidator validator = fhir.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
        List<Problem> problems = new ArrayList<>();
        for (KnowledgeFile file : files) {
            ValidationResult result = validator.validateWithResult(file.resource());
            for (SingleValidationMessage message : result.getMessages()) {
                if (message.getSeverity() == ResultSeverityEnum.ERROR || message.getSeverity() == ResultSeverityEnum.FATAL) {
                    problems.add(new Problem(file.fileName(), message.getLocationString(), message.getMessage()));
                }
            }
        }
        return problems;
    }
}
