package org.atom.platform.sample;

import java.net.URI;
import java.util.UUID;
import org.atom.platform.security.CurrentUser;
import org.atom.platform.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/samples")
class SampleItemController {

    private final SampleItemService service;
    private final SampleItemRepository items;

    SampleItemController(SampleItemService service, SampleItemRepository items) {
        this.service = service;
        this.items = items;
    }

    record CreateItem(String title) {}

    @PostMapping
    ResponseEntity<SampleItemService.ItemView> create(@RequestBody CreateItem body) {
        SampleItemService.ItemView view = service.create(CurrentUser.id(), body.title());
        return ResponseEntity.created(URI.create("/api/samples/" + view.id())).body(view);
    }

    @GetMapping("/{id}")
    ResponseEntity<SampleItemService.ItemView> get(@PathVariable UUID id) {
        return items.findByIdAndOwnerId(id, CurrentUser.id())
                .map(i -> ResponseEntity.ok(new SampleItemService.ItemView(i.id(), i.title(), i.version())))
                .orElseThrow(() -> new NotFoundException("Sample item", id));
    }

    @GetMapping("/admin/count")
    @PreAuthorize("hasRole('ADMIN')")
    long countAll() {
        return items.count();
    }
}
