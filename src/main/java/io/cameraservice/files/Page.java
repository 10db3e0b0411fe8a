package io.cameraservice.files;

import java.util.List;

/** A page of files and how many match the query in all. */
public record Page(List<MediaFile> files, long total) {}
