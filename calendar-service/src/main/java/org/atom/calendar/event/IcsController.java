package org.atom.calendar.event;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import org.atom.calendar.event.ics.IcsSyntaxException;
import org.atom.platform.security.CurrentUser;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.FieldViolation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * iCalendar (RFC 5545) files of the caller's events: {@code GET /api/calendar/export.ics} writes them all,
 * {@code POST /api/calendar/import} reads a file (the body as {@code text/calendar}, or the form field {@code file}
 * of a {@code multipart/form-data} upload), at most {@value #MAX_FILE_BYTES} bytes, matching events by UID.
 */
@RestController
class IcsController {

    static final String EXPORT = "/api/calendar/export.ics";
    static final String IMPORT = "/api/calendar/import";
    static final String TEXT_CALENDAR = "text/calendar";
    /** 5 MB: a decade of a busy calendar. */
    static final int MAX_FILE_BYTES = 5 * 1024 * 1024;

    private final IcsExport export;
    private final IcsImport importer;

    IcsController(IcsExport export, IcsImport importer) {
        this.export = export;
        this.importer = importer;
    }

    @Operation(summary = "All the caller's events as one iCalendar file (VEVENTs, VTIMEZONEs)")
    @GetMapping(value = EXPORT, produces = TEXT_CALENDAR)
    ResponseEntity<byte[]> export() {
        byte[] calendar = export.calendar(CurrentUser.id()).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(TEXT_CALENDAR + ";charset=utf-8"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("calendar.ics")
                                .build()
                                .toString())
                .body(calendar);
    }

    @Operation(summary = "Import an iCalendar file sent as the body; events are matched by UID")
    @PostMapping(value = IMPORT, consumes = TEXT_CALENDAR)
    ResponseEntity<IcsImport.Report> importBody(HttpServletRequest request) throws IOException {
        byte[] file = read(request.getInputStream());
        // errors[].field: "$", the body as a whole
        return imported(file, charset(request.getCharacterEncoding(), "Content-Type"), "$");
    }

    @Operation(summary = "Import an iCalendar file uploaded as the form field 'file'; events are matched by UID")
    @PostMapping(value = IMPORT, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<IcsImport.Report> importForm(@RequestPart(name = "file", required = false) MultipartFile file)
            throws IOException {
        if (file == null) {
            throw BadRequestException.of("file", "is required: the iCalendar file, as the form field 'file'");
        }
        if (file.getSize() > MAX_FILE_BYTES) {
            throw tooLarge();
        }
        String encoding = null;
        if (file.getContentType() != null) {
            try {
                Charset given = MediaType.parseMediaType(file.getContentType()).getCharset();
                encoding = given == null ? null : given.name();
            } catch (RuntimeException unreadable) {
                // the part's type is only a hint; UTF-8 it is
            }
        }
        return imported(file.getBytes(), charset(encoding, "file"), "file");
    }

    private ResponseEntity<IcsImport.Report> imported(byte[] file, Charset charset, String field) {
        try {
            return ResponseEntity.ok(importer.importFile(CurrentUser.id(), file, charset));
        } catch (IcsSyntaxException e) {
            throw new BadRequestException(
                    "The file is not iCalendar (RFC 5545): " + e.getMessage(),
                    List.of(new FieldViolation(field, e.getMessage())));
        }
    }

    /** The body, at most the limit (a body without Content-Length is cut off there). */
    private static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_FILE_BYTES) {
                throw tooLarge();
            }
        }
        return out.toByteArray();
    }

    private static Charset charset(String name, String field) {
        if (name == null) {
            return StandardCharsets.UTF_8; // RFC 5545 §6
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw BadRequestException.of(field, "names an unknown charset '" + name + "'; send UTF-8");
        }
    }

    static ErrorResponseException tooLarge() {
        return new ErrorResponseException(
                HttpStatus.CONTENT_TOO_LARGE,
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.CONTENT_TOO_LARGE, "The iCalendar file is larger than the limit of 5 MB"),
                null);
    }
}
