// A small command-line front end to veraPDF's validation engine (its documented integration
// API), for the test suite: validates each PDF against each profile in one JVM and prints one
// line per PDF and profile:
//
//     PASS <flavour> <file>
//     FAIL <flavour> <file> <clause>-<test> <clause>-<test> ...
//
// Usage: java Validate FLAVOUR[,FLAVOUR...] FILE... (flavours as veraPDF names them: 2a, 3a,
// ua1). Exit 0 if every file passes every profile, 1 if any fails, 2 on a usage or load error.

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.VeraPDFFoundry;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.Profiles;
import org.verapdf.pdfa.validation.profiles.ValidationProfile;

public final class Validate {
    private Validate() {}

    /** The profile of a flavour, read from the engine's own resources. */
    private static ValidationProfile profile(String flavour) throws Exception {
        String name;
        switch (flavour) {
            case "2a": name = "PDFA-2A.xml"; break;
            case "2b": name = "PDFA-2B.xml"; break;
            case "2u": name = "PDFA-2U.xml"; break;
            case "3a": name = "PDFA-3A.xml"; break;
            case "3b": name = "PDFA-3B.xml"; break;
            case "ua1": name = "PDFUA-1.xml"; break;
            default: throw new IllegalArgumentException("unknown flavour " + flavour);
        }
        String resource = "org/verapdf/pdfa/validation/" + name;
        try (InputStream stream = Validate.class.getClassLoader().getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException("the engine has no profile " + resource);
            }
            return Profiles.profileFromXml(stream);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java Validate FLAVOUR[,FLAVOUR...] FILE...");
            System.exit(2);
        }
        VeraGreenfieldFoundryProvider.initialise();
        List<String> flavours = new ArrayList<>();
        List<ValidationProfile> profiles = new ArrayList<>();
        for (String flavour : args[0].split(",")) {
            flavours.add(flavour);
            profiles.add(profile(flavour));
        }
        boolean allPass = true;
        try (VeraPDFFoundry foundry = Foundries.defaultInstance()) {
            for (int f = 1; f < args.length; f++) {
                File file = new File(args[f]);
                for (int p = 0; p < profiles.size(); p++) {
                    ValidationProfile profile = profiles.get(p);
                    try (FileInputStream in = new FileInputStream(file);
                         PDFAParser parser = foundry.createParser(in, profile.getPDFAFlavour());
                         PDFAValidator validator = foundry.createValidator(profile, false)) {
                        ValidationResult result = validator.validate(parser);
                        TreeSet<String> failed = new TreeSet<>();
                        for (TestAssertion assertion : result.getTestAssertions()) {
                            if (assertion.getStatus() == TestAssertion.Status.FAILED) {
                                failed.add(assertion.getRuleId().getClause() + "-"
                                        + assertion.getRuleId().getTestNumber());
                            }
                        }
                        boolean pass = result.isCompliant() && failed.isEmpty();
                        allPass &= pass;
                        System.out.println((pass ? "PASS " : "FAIL ") + flavours.get(p) + " "
                                + file.getPath() + (failed.isEmpty() ? "" : " " + String.join(" ", failed)));
                    }
                }
            }
        }
        System.exit(allPass ? 0 : 1);
    }
}
